<#
.SYNOPSIS
  The nightly portal sync and the day's report; run by the "CDKV kiosk-sync" task.

.DESCRIPTION
  Runs `kiosk-sync run --json`, appends its one-line JSON summary to
  logs\nightly.jsonl in the kiosk home, then writes the day's report (no personal
  data) to reports\YYYY-MM-DD.pdf. Exits with kiosk-sync's code: 0 nothing waiting,
  2 configuration error, 3 items remain for the next run, 4 the kiosk app was
  syncing at that moment. Task Scheduler shows it as "Last Run Result" (0x3 = 3).
#>
param(
    [string]$InstallDir = (Split-Path -Parent $PSScriptRoot)
)

$ErrorActionPreference = 'Stop'
$sync = Join-Path $InstallDir 'kiosk-sync.exe'
$home_ = if ($env:KIOSK_HOME) { $env:KIOSK_HOME } else { Join-Path $env:LOCALAPPDATA 'cdkv-kiosk' }
$logDir = Join-Path $home_ 'logs'
$reportDir = Join-Path $home_ 'reports'
New-Item -ItemType Directory -Force -Path $logDir, $reportDir | Out-Null

$summary = & $sync run --json 2>> (Join-Path $logDir 'nightly-errors.log')
$code = $LASTEXITCODE
if ($summary) {
    Add-Content -Path (Join-Path $logDir 'nightly.jsonl') -Value $summary -Encoding utf8
}
if ($code -eq 0 -or $code -eq 3 -or $code -eq 4) {
    $today = Get-Date -Format 'yyyy-MM-dd'
    & $sync report --date $today --pdf (Join-Path $reportDir "$today.pdf")
}
exit $code
