@echo off
rem ИС «Е-нотариат» 2.0 — сборка установочного пакета.
rem Среда: Microsoft Visual Studio 2010 SP1 (10.0.40219.1), MSBuild 4.0, .NET Framework 4.0.
rem Сторонних сборок нет: доступ к PostgreSQL через System.Data.Odbc и драйвер psqlODBC на сервере.
setlocal
set MSBUILD=%WINDIR%\Microsoft.NET\Framework\v4.0.30319\MSBuild.exe
"%MSBUILD%" ENotary.sln /t:Rebuild /p:Configuration=Release /v:minimal || exit /b 1
if exist dist rmdir /s /q dist
mkdir dist\bin dist\sql
copy ENotary.Web\bin\ENotary.Web.dll dist\bin\ >nul
copy ENotary.Web\Web.config dist\ >nul
copy ..\database\enotary-schema.sql dist\sql\ >nul
copy install.cmd dist\ >nul
echo Пакет собран в source\dist; упакуйте его в ENotary-2.0-setup.zip
endlocal
