#!/usr/bin/env node
// The release workflow's logic, runnable and testable outside GitHub Actions.
//
//   node scripts/release-tags.mjs plan [--if-new] [--notes FILE]
//       Reads the version from package.json and prints what a release of HEAD would do, as
//       key=value lines (also appended to $GITHUB_OUTPUT when set): version, tag (vX.Y.Z),
//       major (vX), prerelease, move-major, release. --notes writes the version's CHANGELOG.md
//       section to FILE. Refuses (exit 1) a version whose tag exists, unless --if-new, which then
//       prints release=false: a push that touched package.json without bumping the version.
//   node scripts/release-tags.mjs push [--remote NAME]
//       The same checks, then tags HEAD vX.Y.Z, moves vX to it (not for a pre-release), and
//       pushes both to NAME (default origin) in one atomic push.
//
// Pre-releases (1.2.0-rc.1) get their own tag and never move the major tag, so @v1 only ever
// names a full release; a major tag is never moved back to an older version either.
import { execFileSync } from 'node:child_process'
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

class Refusal extends Error {}

function git(...args) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

function tagCommit(tag) {
  try {
    return git('rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`)
  } catch {
    return undefined
  }
}

function compareVersions(a, b) {
  const pa = SEMVER.exec(a).slice(1, 4).map(Number)
  const pb = SEMVER.exec(b).slice(1, 4).map(Number)
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i]
  return 0
}

/** The lines after "## [VERSION]" up to the next "## " heading, without link definitions. */
export function changelogSection(changelog, version) {
  const lines = changelog.split('\n')
  const start = lines.findIndex(line => line.startsWith(`## [${version}]`))
  if (start < 0) return ''
  const section = []
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break
    if (/^\[[^\]]+\]: /.test(line)) continue
    section.push(line)
  }
  return section.join('\n').trim()
}

export function plan({ ifNew = false } = {}) {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8'))
  const match = typeof version === 'string' ? SEMVER.exec(version) : null
  if (!match)
    throw new Refusal(
      `package.json's version '${version}' is not MAJOR.MINOR.PATCH[-PRERELEASE]; set a semantic version.`
    )
  const tag = `v${version}`
  const major = `v${match[1]}`
  const prerelease = match[4] !== undefined
  const head = git('rev-parse', 'HEAD')

  const existing = tagCommit(tag)
  if (existing !== undefined) {
    if (ifNew) return { version, tag, major, prerelease, moveMajor: false, release: false, head }
    throw new Refusal(
      `${tag} already exists (on ${existing.slice(0, 12)}): bump the version in package.json ` +
        '(and package-lock.json) and add its CHANGELOG.md section.'
    )
  }
  if (match[1] === '0')
    throw new Refusal(`${tag}: a 0.x version has no stable major tag; release 1.0.0 or later.`)

  let moveMajor = !prerelease
  const majorCommit = tagCommit(major)
  if (moveMajor && majorCommit !== undefined) {
    // The newest full release the major tag names now: never move it back to an older one.
    const current = git('tag', '--points-at', majorCommit, '--list', `v${match[1]}.*.*`)
      .split('\n')
      .filter(name => SEMVER.test(name.slice(1)) && !name.includes('-'))
      .map(name => name.slice(1))
      .sort(compareVersions)
      .pop()
    if (current !== undefined && compareVersions(version, current) < 0)
      throw new Refusal(
        `${major} names ${current}, newer than ${version}: a patch to an older line needs its ` +
          `own branch and must not move ${major}.`
      )
  }
  return { version, tag, major, prerelease, moveMajor, release: true, head }
}

function outputs(result) {
  return [
    `version=${result.version}`,
    `tag=${result.tag}`,
    `major=${result.major}`,
    `prerelease=${result.prerelease}`,
    `move-major=${result.moveMajor}`,
    `release=${result.release}`
  ]
}

function main(argv) {
  const [command, ...rest] = argv
  const flag = name => rest.includes(name)
  const value = name => {
    const i = rest.indexOf(name)
    return i >= 0 ? rest[i + 1] : undefined
  }
  if (command !== 'plan' && command !== 'push') {
    process.stderr.write(
      'usage: release-tags.mjs plan [--if-new] [--notes FILE] | push [--remote NAME]\n'
    )
    return 2
  }
  const result = plan({ ifNew: command === 'plan' && flag('--if-new') })
  if (!result.release) {
    process.stderr.write(`${result.tag} exists already: nothing to release.\n`)
  } else {
    const notes = changelogSection(readFileSync('CHANGELOG.md', 'utf8'), result.version)
    if (notes === '')
      throw new Refusal(
        `CHANGELOG.md has no '## [${result.version}]' section with content: add one before releasing.`
      )
    const notesFile = value('--notes')
    if (notesFile) writeFileSync(notesFile, `${notes}\n`)
  }

  if (command === 'push' && result.release) {
    const remote = value('--remote') ?? 'origin'
    git('tag', result.tag, result.head)
    const refspecs = [`refs/tags/${result.tag}`]
    if (result.moveMajor) {
      git('tag', '--force', result.major, result.head)
      refspecs.push(`+refs/tags/${result.major}`)
    }
    git('push', '--atomic', remote, ...refspecs)
    process.stderr.write(
      `pushed ${result.tag}${result.moveMajor ? ` and moved ${result.major}` : ''} to ${result.head}\n`
    )
  }

  const lines = outputs(result)
  process.stdout.write(`${lines.join('\n')}\n`)
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${lines.join('\n')}\n`)
  return 0
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    process.stderr.write(`release: ${error.message}\n`)
    process.exitCode = 1
  }
}
