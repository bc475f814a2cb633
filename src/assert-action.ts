// Entry of assert/action.yml: the compliance gate.
import { runSubAction } from './sub-actions.js'
import { failUnexpectedly } from './unexpected.js'

process.on('uncaughtException', failUnexpectedly)
process.on('unhandledRejection', failUnexpectedly)

void runSubAction('assert')
