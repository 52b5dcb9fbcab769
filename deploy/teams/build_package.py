#!/usr/bin/env python3
"""Builds the Teams app package (manifest.json + icons, zipped) with the bot's app id.

The app id comes from --app-id, else the Bot__MicrosoftAppId environment variable, else
Bot:MicrosoftAppId in appsettings.json at the repository root. Standard library only.

    python3 deploy/teams/build_package.py [--app-id GUID] [--version 1.0.1] [--out teams-app.zip]
"""
import argparse
import json
import os
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def app_id_from_settings():
    if os.environ.get("Bot__MicrosoftAppId"):
        return os.environ["Bot__MicrosoftAppId"]
    settings = ROOT / "appsettings.json"
    if settings.exists():
        return json.loads(settings.read_text(encoding="utf-8")).get("Bot", {}).get("MicrosoftAppId", "")
    return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app-id", default=None, help="the Azure Bot's Microsoft App ID (default: from settings)")
    parser.add_argument("--version", default=None, help="app version, e.g. 1.0.1 (bump it for every upload)")
    parser.add_argument("--out", default=str(ROOT / "teams-app.zip"), help="where to write the package")
    args = parser.parse_args()

    app_id = (args.app_id or app_id_from_settings()).strip()
    if not GUID.match(app_id):
        sys.exit("Bot:MicrosoftAppId is not set (or not a GUID): pass --app-id or set Bot__MicrosoftAppId.")

    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    manifest["id"] = app_id
    for bot in manifest["bots"]:
        bot["botId"] = app_id
    for extension in manifest["composeExtensions"]:
        extension["botId"] = app_id
    if args.version:
        manifest["version"] = args.version

    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        package.write(HERE / "color.png", "color.png")
        package.write(HERE / "outline.png", "outline.png")
    print(f"wrote {args.out} for app id {app_id}")


if __name__ == "__main__":
    main()
