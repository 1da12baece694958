#!/bin/sh
# Install the kiosk's systemd user units (and optionally the XDG autostart entry) for
# the account that runs this script: the kiosk's own account, not root.
#
#   sh /opt/cdkv-kiosk/setup/install-user-units.sh              # service + nightly timer
#   sh /opt/cdkv-kiosk/setup/install-user-units.sh --autostart  # also ~/.config/autostart
#   sh /opt/cdkv-kiosk/setup/install-user-units.sh --remove     # disable and remove all
#
# The units name /opt/cdkv-kiosk; when the bundle lives elsewhere, the copies get the
# real folder (the one above this script). See docs/operations.md.
set -eu

setup_dir=$(cd "$(dirname "$0")" && pwd)
install_dir=$(dirname "$setup_dir")
units_dir="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"
autostart_dir="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"

if [ "$(id -u)" -eq 0 ]; then
    echo "Run this as the kiosk's own user, not as root (these are systemd --user units)." >&2
    exit 1
fi

if [ "${1:-}" = "--remove" ]; then
    systemctl --user disable --now cdkv-kiosk.service kiosk-sync.timer 2>/dev/null || true
    rm -f "$units_dir/cdkv-kiosk.service" "$units_dir/kiosk-sync.service" \
        "$units_dir/kiosk-sync.timer" "$autostart_dir/cdkv-kiosk.desktop"
    systemctl --user daemon-reload
    echo "Removed the kiosk's units and autostart entry."
    exit 0
fi

case "$install_dir" in
    *[!A-Za-z0-9/._-]*)
        # systemd would split ExecStart at a space; sed would trip on other characters.
        echo "The bundle's folder '$install_dir' has a space or special character:" >&2
        echo "move it to a plain path such as /opt/cdkv-kiosk, then run this again." >&2
        exit 1
        ;;
esac

if [ ! -x "$install_dir/kiosk" ] || [ ! -x "$install_dir/kiosk-sync" ]; then
    echo "No kiosk and kiosk-sync programs in $install_dir: run the copy inside the bundle." >&2
    exit 1
fi

mkdir -p "$units_dir"
for unit in cdkv-kiosk.service kiosk-sync.service kiosk-sync.timer; do
    sed "s#/opt/cdkv-kiosk#$install_dir#g" "$setup_dir/$unit" > "$units_dir/$unit"
done
if [ "${1:-}" = "--autostart" ]; then
    mkdir -p "$autostart_dir"
    sed "s#/opt/cdkv-kiosk#$install_dir#g" "$setup_dir/cdkv-kiosk.desktop" \
        > "$autostart_dir/cdkv-kiosk.desktop"
fi
systemctl --user daemon-reload
systemctl --user enable cdkv-kiosk.service
systemctl --user enable --now kiosk-sync.timer
echo "Installed for $(id -un): the kiosk starts at the next login; the sync runs nightly."
echo "Check: systemctl --user status cdkv-kiosk kiosk-sync.timer"
