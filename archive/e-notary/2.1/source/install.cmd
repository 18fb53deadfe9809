@echo off
rem Установка ИС «Е-нотариат» на Windows Server 2008 R2 (IIS 7.5, .NET Framework 4.0).
rem Запускать от имени администратора из каталога распакованного пакета.
setlocal
set SITE=C:\inetpub\enotary
set APPCMD=%WINDIR%\system32\inetsrv\appcmd.exe
xcopy /e /i /y bin "%SITE%\bin" >nul
copy /y Web.config "%SITE%\" >nul
"%APPCMD%" add apppool /name:ENotary /managedRuntimeVersion:v4.0 /managedPipelineMode:Integrated
"%APPCMD%" add site /name:ENotary /physicalPath:"%SITE%" /bindings:https/*:443:
"%APPCMD%" set app "ENotary/" /applicationPool:ENotary
echo Создайте базу данных скриптом sql\enotary-schema.sql и укажите пароль в Web.config.
endlocal
