import * as core from '@actions/core'

core.setFailed('not implemented yet')
