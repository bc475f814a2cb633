// Entry of attest/action.yml: records evidence on a Kosli trail.
import { runAttest } from './actions/attest.js'
import { attestInputChecks } from './attestations/inputs.js'
import { runStep } from './step.js'
import { failUnexpectedly } from './unexpected.js'

process.on('uncaughtException', failUnexpectedly)
process.on('unhandledRejection', failUnexpectedly)

void runStep('attest', runAttest, { checks: attestInputChecks() })
