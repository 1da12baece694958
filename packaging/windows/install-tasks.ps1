<#
.SYNOPSIS
  Registers (or removes) the kiosk's two scheduled tasks for the current Windows user.

.DESCRIPTION
  "CDKV Kiosk": at this user's logon, run-kiosk.ps1 starts kiosk.exe full screen and
  starts it again when it stops unexpectedly.
  "CDKV kiosk-sync": every night at 22:30 (or as soon as possible after a missed
  start), nightly-sync.ps1 sends what is waiting and writes the day's report.

  Run it once, as the kiosk's own (standard, non-administrator) account; it lives
  in the bundle's setup\ folder and finds the programs one folder up:

    powershell -ExecutionPolicy Bypass -File "C:\Program Files\cdkv-kiosk\setup\install-tasks.ps1"

  -Remove unregisters both tasks. See docs/operations.md.
#>
param(
    [string]$InstallDir = (Split-Path -Parent $PSScriptRoot),
    [string]$SyncTime = '22:30',
    [switch]$Remove
)

$ErrorActionPreference = 'Stop'
$kioskTask = 'CDKV Kiosk'
$syncTask = 'CDKV kiosk-sync'

if ($Remove) {
    foreach ($name in @($kioskTask, $syncTask)) {
        if (Get-ScheduledTask -TaskName $name -ErrorAction SilentlyContinue) {
            Unregister-ScheduledTask -TaskName $name -Confirm:$false
            Write-Host "Removed task '$name'."
        }
    }
    exit 0
}

foreach ($program in @('kiosk.exe', 'kiosk-sync.exe')) {
    if (-not (Test-Path (Join-Path $InstallDir $program))) {
        throw "No $program in ${InstallDir}: pass -InstallDir with the folder holding the bundle."
    }
}
$scripts = Join-Path $InstallDir 'setup'
$user = [System.Security.Principal.WindowsIdentity]::GetCurrent().Name
$principal = New-ScheduledTaskPrincipal -UserId $user -LogonType Interactive -RunLevel Limited
$powershell = Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'

function New-ScriptAction([string]$script) {
    $arguments = "-NoProfile -NonInteractive -WindowStyle Hidden -ExecutionPolicy Bypass " +
        "-File `"$(Join-Path $scripts $script)`" -InstallDir `"$InstallDir`""
    New-ScheduledTaskAction -Execute $powershell -Argument $arguments -WorkingDirectory $InstallDir
}

# The kiosk: at logon, never stopped for running long, restarted if the loop itself dies.
$kioskSettings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries `
    -ExecutionTimeLimit ([TimeSpan]::Zero) -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
    -MultipleInstances IgnoreNew -StartWhenAvailable
Register-ScheduledTask -TaskName $kioskTask -Force -Principal $principal -Settings $kioskSettings `
    -Trigger (New-ScheduledTaskTrigger -AtLogOn -User $user) -Action (New-ScriptAction 'run-kiosk.ps1') `
    -Description 'Công dân không viết: the ward-office kiosk, full screen (restarted when it stops).' |
    Out-Null
Write-Host "Registered '$kioskTask' (at logon of $user)."

# The nightly sync: daily, caught up after a missed start, at most 30 minutes.
$syncSettings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries `
    -StartWhenAvailable -ExecutionTimeLimit (New-TimeSpan -Minutes 30) -MultipleInstances IgnoreNew
$syncTrigger = New-ScheduledTaskTrigger -Daily -At $SyncTime -RandomDelay (New-TimeSpan -Minutes 15)
Register-ScheduledTask -TaskName $syncTask -Force -Principal $principal -Settings $syncSettings `
    -Trigger $syncTrigger -Action (New-ScriptAction 'nightly-sync.ps1') `
    -Description 'Công dân không viết: nightly portal sync and the day''s report.' |
    Out-Null
Write-Host "Registered '$syncTask' (daily at $SyncTime)."
Write-Host "Check with: Get-ScheduledTask -TaskName 'CDKV*' | Get-ScheduledTaskInfo"
