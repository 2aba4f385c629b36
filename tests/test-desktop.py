#!/usr/bin/env python3
# test-desktop.py — offline checks of what a desktop and Flatpak see
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One check per invocation, named by the first argument, so each shows up
# as its own test in `meson test`; see the end of tests/meson.build.

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

APP_ID = 'io.github.convolve.Convolve'
SCREENSHOT_URL = 'https://raw.githubusercontent.com/convolve/convolve/main/'
ALLOWED_FINISH_ARGS = {
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
    # the runtime's image loaders and the WebP one the manifest builds
    # (webp-pixbuf-loader), in one cache: GdkPixbuf reads one file
    '--env=GDK_PIXBUF_MODULE_FILE=/app/lib/gdk-pixbuf-2.0/2.10.0/loaders.cache',
}


def fail(message):
    print('FAIL:', message, file=sys.stderr)
    sys.exit(1)


def run(argv, **kwargs):
    print('$', ' '.join(argv))
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kwargs)
    print(proc.stdout, end='')
    return proc


def check_desktop(path):
    proc = run(['desktop-file-validate', path])
    if proc.returncode != 0:
        fail(f'desktop-file-validate exited with {proc.returncode}')
    # Hints (several main categories) are advice; warnings and errors are not.
    bad = [l for l in proc.stdout.splitlines() if re.search(r': (warning|error): ', l)]
    if bad:
        fail('desktop-file-validate reported:\n' + '\n'.join(bad))


def check_metainfo(path):
    proc = run(['appstreamcli', 'validate', '--no-net', path])
    if proc.returncode != 0:
        fail(f'appstreamcli validate exited with {proc.returncode}')
    bad = [l for l in proc.stdout.splitlines() if re.match(r'^[EW]: ', l)]
    if bad:
        fail('appstreamcli reported:\n' + '\n'.join(bad))
    # Flathub's quality guidelines: a summary of at most 35 characters
    summary = ET.parse(path).getroot().findtext('summary', '').strip()
    if not summary or len(summary) > 35:
        fail(f'the summary {summary!r} has {len(summary)} characters; at most 35')


def check_schema(path):
    # glib-compile-schemas works on a directory: give it one holding only
    # this schema, so stray files cannot mask or cause a failure.
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(path, tmp)
        proc = run(['glib-compile-schemas', '--strict', '--dry-run', tmp])
    if proc.returncode != 0 or proc.stdout.strip():
        fail('glib-compile-schemas --strict rejected the schema')
    keys = {k.get('name') for k in ET.parse(path).getroot().iter('key')}
    # every number has a range (issue 12: window-height=-5 reached GTK)
    unbounded = [k.get('name') for k in ET.parse(path).getroot().iter('key')
                 if k.get('type') in ('y', 'n', 'q', 'i', 'u', 'x', 't', 'd')
                 and k.find('range') is None]
    if unbounded:
        fail(f'numeric keys without a range: {sorted(unbounded)}')
    wanted = {
        'window-width', 'window-height', 'window-maximized', 'preset',
        'pen-width', 'normalize-drawing', 'optimizer', 'learning-rate',
        'batch-size', 'epochs', 'weight-decay', 'augmentation', 'augment', 'seed',
        'network-spec', 'gradient-animation-speed',
    }
    if wanted - keys:
        fail(f'schema lacks keys: {sorted(wanted - keys)}')


def read_linguas(srcdir):
    langs = []
    with open(os.path.join(srcdir, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            langs += line.split('#', 1)[0].split()
    return langs


def check_install(meson, builddir, srcdir, prefix, bindir, datadir, localedir):
    with tempfile.TemporaryDirectory() as destdir:
        # --no-rebuild: `meson test` has already built everything, and a
        # rebuild from inside a test would race the other tests.
        proc = run([meson, 'install', '-C', builddir, '--no-rebuild',
                    '--destdir', destdir])
        if proc.returncode != 0:
            fail(f'meson install exited with {proc.returncode}')

        def under(*parts):
            path = os.path.join(*parts)
            if not os.path.isabs(path):
                path = os.path.join(prefix, path)
            return destdir + path

        share = under(datadir)
        expected = [
            under(bindir, 'convolve'),
            under(bindir, 'convolve-cli'),
            os.path.join(share, 'applications', APP_ID + '.desktop'),
            os.path.join(share, 'metainfo', APP_ID + '.metainfo.xml'),
            os.path.join(share, 'icons', 'hicolor', 'scalable', 'apps', APP_ID + '.svg'),
            os.path.join(share, 'icons', 'hicolor', 'symbolic', 'apps',
                         APP_ID + '-symbolic.svg'),
            os.path.join(share, 'glib-2.0', 'schemas', APP_ID + '.gschema.xml'),
            os.path.join(share, 'licenses', APP_ID, 'COPYING'),
        ]
        for lang in read_linguas(srcdir):
            expected.append(os.path.join(under(localedir), lang, 'LC_MESSAGES',
                                         'convolve.mo'))

        print('installed tree:')
        for root, _dirs, files in os.walk(destdir):
            for name in sorted(files):
                print('  ' + os.path.relpath(os.path.join(root, name), destdir))

        missing = [p for p in expected if not os.path.isfile(p)]
        if missing:
            fail('not installed:\n' + '\n'.join(os.path.relpath(p, destdir) for p in missing))
        for exe in expected[:2]:
            if not os.access(exe, os.X_OK):
                fail(f'{exe} is not executable')


OLDEST_SUPPORTED_RUNTIME = 48


def check_flatpak(path):
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)
    for key, value in [('app-id', APP_ID), ('command', 'convolve'),
                       ('runtime', 'org.gnome.Platform'), ('sdk', 'org.gnome.Sdk')]:
        if manifest.get(key) != value:
            fail(f'manifest {key} is {manifest.get(key)!r}, expected {value!r}')
    if not re.fullmatch(r'\d+', str(manifest.get('runtime-version', ''))):
        fail(f'runtime-version {manifest.get("runtime-version")!r} is not a GNOME release')
    # GNOME keeps two releases supported; 47 reached its end of life with 49
    if int(manifest['runtime-version']) < OLDEST_SUPPORTED_RUNTIME:
        fail(f'runtime-version {manifest["runtime-version"]} is past its end of life '
             f'(the oldest supported is {OLDEST_SUPPORTED_RUNTIME})')
    args = manifest.get('finish-args', [])
    extra = [a for a in args if a not in ALLOWED_FINISH_ARGS]
    if extra:
        fail(f'finish-args not on the allowed list: {extra}')
    if any(a.startswith('--filesystem') for a in args):
        fail('the app must reach files through the portal, not --filesystem')
    modules = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
    ours = [m for m in modules if m.get('name') == 'convolve']
    if len(ours) != 1:
        fail('the manifest must have exactly one module named convolve')
    if ours[0].get('buildsystem') != 'meson':
        fail('the convolve module must be built with meson')
    if not any(s.get('type') == 'dir' for s in ours[0].get('sources', [])):
        fail('the convolve module must build the local source tree')


# Flathub's guidelines: screenshots of a window no larger than 1000×700
MAX_SCREENSHOT = (1000, 700)


def metainfo_screenshots(path):
    root = ET.parse(path).getroot()
    return [img.text.strip() for img in root.iter('image')]


def check_screenshots(path, srcdir):
    urls = metainfo_screenshots(path)
    if not urls:
        fail('the metainfo names no screenshots')
    missing = []
    for url in urls:
        if not url.startswith(SCREENSHOT_URL):
            fail(f'screenshot {url} is not in the repository')
        rel = url[len(SCREENSHOT_URL):]
        print(f'{rel}')
        file = os.path.join(srcdir, rel)
        if not os.path.isfile(file):
            missing.append(rel)
        else:
            with open(file, 'rb') as f:
                head = f.read(24)
            if head[:8] != b'\x89PNG\r\n\x1a\n':
                fail(f'{rel} is not a PNG')
            # IHDR: width and height, big-endian, after the chunk's length and type
            width, height = struct.unpack('>II', head[16:24])
            if width > MAX_SCREENSHOT[0] or height > MAX_SCREENSHOT[1]:
                fail(f'{rel} is {width}×{height}; the store wants at most '
                     f'{MAX_SCREENSHOT[0]}×{MAX_SCREENSHOT[1]}')
    root = ET.parse(path).getroot()
    for shot in root.iter('screenshot'):
        caption = shot.find('caption')
        if caption is None or not (caption.text or '').strip():
            fail('every screenshot needs a caption')
    if missing:
        fail('screenshots named in the metainfo are missing: ' + ', '.join(missing))


def newest_release(path):
    releases = ET.parse(path).getroot().find('releases')
    if releases is None or len(releases) == 0:
        fail('the metainfo has no releases')

    def key(release):
        return tuple(int(x) for x in release.get('version').split('.'))
    return max(releases.findall('release'), key=key)


def check_versions(project_version, metainfo, convolve):
    release = newest_release(metainfo)
    if release.get('version') != project_version:
        fail(f'metainfo release {release.get("version")} != meson.build {project_version}')
    if not re.fullmatch(r'\d{4}-\d{2}-\d{2}', release.get('date', '')):
        fail('the newest release has no date')
    proc = run([convolve, '--version'])
    if proc.returncode != 0:
        fail(f'convolve --version exited with {proc.returncode}')
    if proc.stdout.strip() != f'convolve {project_version}':
        fail(f'convolve --version said {proc.stdout.strip()!r}')


TRANSLATABLE = re.compile(r'\b(?:N?_|C_|NC_|g_dgettext|g_dngettext)\s*\(\s*"'
                          r'|translatable="yes"|<_?summary>|<_?name>|^(?:Name|Comment|GenericName|Keywords)=',
                          re.M)


def check_potfiles(srcdir):
    with open(os.path.join(srcdir, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = [l.strip() for l in f if l.strip() and not l.startswith('#')]
    gone = [p for p in listed if not os.path.isfile(os.path.join(srcdir, p))]
    if gone:
        fail('POTFILES.in lists files that do not exist: ' + ', '.join(gone))
    unlisted = []
    for top in ('app', 'ui', 'engine', 'resources', 'data'):
        for root, _dirs, files in os.walk(os.path.join(srcdir, top)):
            for name in files:
                if not re.search(r'\.(c|ui|in|gschema\.xml)$', name):
                    continue
                path = os.path.join(root, name)
                rel = os.path.relpath(path, srcdir)
                with open(path, encoding='utf-8', errors='replace') as f:
                    if TRANSLATABLE.search(f.read()) and rel not in listed:
                        unlisted.append(rel)
    if unlisted:
        fail('files with translatable strings missing from po/POTFILES.in: '
             + ', '.join(sorted(unlisted)))


# meson's i18n 'glib' preset, as `meson compile convolve-pot` runs xgettext
XGETTEXT_GLIB = [
    '--from-code=UTF-8', '--add-comments', '-k_',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def check_translations(srcdir):
    """Every language of LINGUAS translates every message of today's
    sources, none fuzzy, and its formats match (msgfmt --check)."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'convolve.pot')
        proc = run(['xgettext', '-f', os.path.join(srcdir, 'po', 'POTFILES.in'), '-D', srcdir,
                    '-o', pot] + XGETTEXT_GLIB)
        if proc.returncode != 0:
            fail(f'xgettext exited with {proc.returncode}')
        # a msgid cut short (a format macro such as G_GINT64_FORMAT inside
        # it) or not a valid format; newer gettext's style advice (an URL
        # in a message) is not a defect here
        cut = [l for l in proc.stdout.splitlines() if 'not a valid C format string' in l]
        if cut:
            fail('xgettext:\n' + '\n'.join(cut))
        for lang in read_linguas(srcdir):
            merged = os.path.join(tmp, lang + '.po')
            proc = run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged,
                        os.path.join(srcdir, 'po', lang + '.po'), pot])
            if proc.returncode != 0:
                fail(f'msgmerge of {lang}.po exited with {proc.returncode}')
            proc = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, merged])
            print(f'{lang}: {proc.stdout.strip()}')
            if proc.returncode != 0:
                fail(f'msgfmt --check of {lang}.po failed:\n{proc.stdout}')
            if 'untranslated' in proc.stdout or 'fuzzy' in proc.stdout:
                fail(f'{lang}.po is not complete: {proc.stdout.strip()}')


CHECKS = {
    'desktop': check_desktop,
    'metainfo': check_metainfo,
    'schema': check_schema,
    'install': check_install,
    'flatpak': check_flatpak,
    'screenshots': check_screenshots,
    'versions': check_versions,
    'potfiles': check_potfiles,
    'translations': check_translations,
}

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] not in CHECKS:
        fail(f'usage: {sys.argv[0]} {"|".join(CHECKS)} ARGS…')
    CHECKS[sys.argv[1]](*sys.argv[2:])
    print('ok')
