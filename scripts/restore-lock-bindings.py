# Run after any `npm install` on a machine whose registry mirror serves only the linux builds of
# unrs-resolver's platform bindings (jest's resolver): npm install then leaves the other
# platforms' entries out of package-lock.json, and npm ci refuses that lockfile on a fresh clone.
# Usage: python3 scripts/restore-lock-bindings.py package-lock.json
import json, sys, collections
path = sys.argv[1]
lock = json.load(open(path), object_pairs_hook=collections.OrderedDict)
pk = lock['packages']
parent = pk['node_modules/unrs-resolver']
version = parent['version']
platform = {
    'android-arm-eabi': ('android', 'arm', None), 'android-arm64': ('android', 'arm64', None),
    'darwin-arm64': ('darwin', 'arm64', None), 'darwin-x64': ('darwin', 'x64', None),
    'freebsd-x64': ('freebsd', 'x64', None),
    'linux-arm-gnueabihf': ('linux', 'arm', 'glibc'), 'linux-arm-musleabihf': ('linux', 'arm', 'musl'),
    'linux-arm64-gnu': ('linux', 'arm64', 'glibc'), 'linux-arm64-musl': ('linux', 'arm64', 'musl'),
    'linux-loong64-gnu': ('linux', 'loong64', 'glibc'), 'linux-loong64-musl': ('linux', 'loong64', 'musl'),
    'linux-ppc64-gnu': ('linux', 'ppc64', 'glibc'), 'linux-riscv64-gnu': ('linux', 'riscv64', 'glibc'),
    'linux-riscv64-musl': ('linux', 'riscv64', 'musl'), 'linux-s390x-gnu': ('linux', 's390x', 'glibc'),
    'linux-x64-gnu': ('linux', 'x64', 'glibc'), 'linux-x64-musl': ('linux', 'x64', 'musl'),
    'openharmony-arm64': ('openharmony', 'arm64', None),
    'win32-arm64-msvc': ('win32', 'arm64', None), 'win32-ia32-msvc': ('win32', 'ia32', None),
    'win32-x64-msvc': ('win32', 'x64', None),
}
added = []
for name, want in parent['optionalDependencies'].items():
    key = 'node_modules/' + name
    if key in pk:
        continue
    assert want == version, (name, want)
    os_, cpu, libc = platform[name.split('resolver-binding-')[1]]
    entry = collections.OrderedDict()
    entry['version'] = version
    entry['cpu'] = [cpu]
    entry['dev'] = True
    if libc:
        entry['libc'] = [libc]
    entry['license'] = 'MIT'
    entry['optional'] = True
    entry['os'] = [os_]
    pk[key] = entry
    added.append(name)
# Keep npm's order: the @unrs bindings, old and new, sorted where the first of them stood.
unrs = sorted(k for k in pk if k.startswith('node_modules/@unrs/'))
ordered = collections.OrderedDict()
for key, value in pk.items():
    if key.startswith('node_modules/@unrs/'):
        if unrs:
            for k in unrs:
                ordered[k] = pk[k]
            unrs = []
        continue
    ordered[key] = value
lock['packages'] = ordered
with open(path, 'w') as f:
    f.write(json.dumps(lock, indent=2) + '\n')
print('added', len(added))
