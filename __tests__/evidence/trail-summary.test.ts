import { describe, expect, it } from '@jest/globals'
import { trailSummary } from '../../src/evidence/trail-summary.js'

describe('trailSummary', () => {
  it('lists each expected attestation with its status, trail-level first, artifacts by name', () => {
    const summary = trailSummary({
      name: 't',
      compliance_state: 'INCOMPLETE',
      html_url: 'https://app.kosli.com/acme/flows/app/trails/t',
      compliance_status: {
        status: 'INCOMPLETE',
        attestations_statuses: [
          {
            attestation_name: 'code-review',
            attestation_type: 'pull_request',
            status: 'COMPLETE',
            is_compliant: true
          },
          {
            attestation_name: 'extra',
            attestation_type: 'generic',
            status: 'COMPLETE',
            is_compliant: false,
            unexpected: true
          }
        ],
        artifacts_statuses: {
          'web-app': {
            status: 'INCOMPLETE',
            attestations_statuses: [
              {
                attestation_name: 'unit-tests',
                attestation_type: 'junit',
                status: 'COMPLETE',
                is_compliant: false
              },
              {
                attestation_name: 'sast',
                attestation_type: 'snyk',
                status: 'MISSING',
                is_compliant: null
              }
            ]
          },
          api: {
            status: 'COMPLIANT',
            attestations_statuses: [
              { attestation_name: 'lint', status: 'COMPLETE', is_compliant: null }
            ]
          }
        }
      }
    })
    expect(summary).toEqual({
      name: 't',
      url: 'https://app.kosli.com/acme/flows/app/trails/t',
      state: 'INCOMPLETE',
      rows: [
        { attestation: 'code-review', type: 'pull_request', status: 'complete' },
        { artifact: 'api', attestation: 'lint', status: 'complete' },
        { artifact: 'web-app', attestation: 'unit-tests', type: 'junit', status: 'non-compliant' },
        { artifact: 'web-app', attestation: 'sast', type: 'snyk', status: 'missing' }
      ]
    })
  })

  it('gives no rows for a trail without template', () => {
    expect(trailSummary({ name: 't', compliance_status: null }).rows).toEqual([])
  })
})
