// Entry of attest/action.yml: records evidence on a Kosli trail.
import { runSubAction } from './sub-actions.js'
import { failUnexpectedly } from './unexpected.js'

process.on('uncaughtException', failUnexpectedly)
process.on('unhandledRejection', failUnexpectedly)

void runSubAction('attest')
