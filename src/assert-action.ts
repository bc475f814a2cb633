// Entry of assert/action.yml: the compliance gate.
import { runAssert } from './actions/assert.js'
import { runStep } from './step.js'
import { failUnexpectedly } from './unexpected.js'

process.on('uncaughtException', failUnexpectedly)
process.on('unhandledRejection', failUnexpectedly)

void runStep('assert', runAssert)
