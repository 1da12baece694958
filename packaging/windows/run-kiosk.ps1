<#
.SYNOPSIS
  Keeps the kiosk running: starts kiosk.exe and starts it again 2 seconds after it stops.

.DESCRIPTION
  Started at logon by the "CDKV Kiosk" scheduled task (install-tasks.ps1). Task
  Scheduler's own "restart on failure" only covers a task that fails to start, not
  a program that exits, hence this loop.

  No restart after exit code 0 (the admin screen's Quit: maintenance) nor after the
  codes a restart cannot fix: 2 configuration error, 3 encryption key missing or
  wrong, 4 Qt cannot start. Each stop is written to logs\kiosk-restarts.log in the
  kiosk home with its exit code.
#>
param(
    [string]$InstallDir = (Split-Path -Parent $PSScriptRoot),
    [int]$RestartDelaySeconds = 2
)

$ErrorActionPreference = 'Stop'
$kiosk = Join-Path $InstallDir 'kiosk.exe'
$home_ = if ($env:KIOSK_HOME) { $env:KIOSK_HOME } else { Join-Path $env:LOCALAPPDATA 'cdkv-kiosk' }
$logDir = Join-Path $home_ 'logs'
New-Item -ItemType Directory -Force -Path $logDir | Out-Null
$restartLog = Join-Path $logDir 'kiosk-restarts.log'
$noRestart = @(0, 2, 3, 4)

while ($true) {
    # No -WindowStyle: Windows would apply it to the kiosk's own first window. kiosk.exe
    # hides the console it was given by itself.
    $process = Start-Process -FilePath $kiosk -WorkingDirectory $InstallDir -PassThru -Wait
    $code = $process.ExitCode
    $stamp = Get-Date -Format 'yyyy-MM-dd HH:mm:ss'
    Add-Content -Path $restartLog -Value "$stamp kiosk.exe exited with code $code"
    if ($noRestart -contains $code) {
        exit $code
    }
    Start-Sleep -Seconds $RestartDelaySeconds
}
