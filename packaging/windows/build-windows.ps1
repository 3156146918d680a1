# Build Desktop CRM for Windows: the bundle (dist\desktop-crm with the
# windowed DesktopCRM.exe and the console desktop-crm.exe for the command
# line), then the installer dist\DesktopCRM-<version>-setup.exe.
# Needs Python 3.11+ (the py launcher) and Inno Setup 6 (iscc).
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path "build\venv\Scripts\python.exe")) { py -3 -m venv build\venv }
& build\venv\Scripts\python.exe -m pip install -q --disable-pip-version-check `
    -c packaging\constraints.txt -r packaging\build-tools.txt -e ".[encryption]"
if ($LASTEXITCODE) { throw "pip install failed" }

# The spec also draws the icons (build\icons\desktop-crm.ico) and writes the licence list.
& build\venv\Scripts\pyinstaller.exe --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\desktop-crm.spec
if ($LASTEXITCODE) { throw "pyinstaller failed" }
$version = & dist\desktop-crm\desktop-crm.exe --version
if ($LASTEXITCODE -or -not $version) { throw "the console desktop-crm.exe printed no version" }
Write-Host "built $version"

# The installer script, with version, publisher and file types from desktop_crm\appinfo.py.
& build\venv\Scripts\python.exe packaging\generate.py windows build\windows
$iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
& $iscc build\windows\desktop-crm.iss
if ($LASTEXITCODE) { throw "iscc failed" }
Get-ChildItem dist\DesktopCRM-*-setup.exe
