; Inno Setup script: installs the PyInstaller build (dist\desktop-crm) per user,
; with a Start menu entry and "Open with Desktop CRM" for .csv and .vcf files.
; Build: iscc packaging\windows\desktop-crm.iss   (after pyinstaller packaging\desktop-crm.spec)

#define AppName "Desktop CRM"
#define AppVersion "0.1.0"
#define AppExe "desktop-crm.exe"

[Setup]
AppId={{6F1C2E4B-8B7A-4B0E-9A8F-2C1D3E4F5A6B}
AppName={#AppName}
AppVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputBaseFilename=DesktopCRM-{#AppVersion}-setup
ChangesAssociations=yes
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "..\..\dist\desktop-crm\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{#AppName} (demo network)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"

[Registry]
; A ProgID of our own, offered for .csv and .vcf under "Open with" (the user's
; default program for .csv, e.g. a spreadsheet, is left as it is).
Root: HKCU; Subkey: "Software\Classes\DesktopCRM.Import"; ValueType: string; ValueData: "Contacts file for Desktop CRM"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\DesktopCRM.Import\DefaultIcon"; ValueType: string; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\DesktopCRM.Import\shell\open\command"; ValueType: string; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\.csv\OpenWithProgids"; ValueType: string; ValueName: "DesktopCRM.Import"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.vcf\OpenWithProgids"; ValueType: string; ValueName: "DesktopCRM.Import"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".csv"; ValueData: ""; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".vcf"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
