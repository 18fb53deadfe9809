@echo off
rem Сборка: Visual Studio 2010 SP1, .NET Framework 4.0
"%WINDIR%\Microsoft.NET\Framework\v4.0.30319\MSBuild.exe" ENotary.sln /p:Configuration=Release
