import { runAction } from './action.js'
import { failUnexpectedly } from './unexpected.js'

process.on('uncaughtException', failUnexpectedly)
process.on('unhandledRejection', failUnexpectedly)

void runAction()
