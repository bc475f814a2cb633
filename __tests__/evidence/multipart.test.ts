import { describe, expect, it } from '@jest/globals'
import { describeMultipart, toFormData, type MultipartRequest } from '../../src/kosli/multipart.js'

const REQUEST: MultipartRequest = {
  method: 'POST',
  url: 'https://app.kosli.com/api/v2/attestations/acme/app/trail/t/junit',
  dataJson: { attestation_name: 'ut', junit_results: [] },
  file: { field: 'attachment_file', filename: 'evidence.tgz', bytes: new Uint8Array(1234) }
}

describe('toFormData', () => {
  it('holds data_json as compact JSON text and the file by basename', async () => {
    const form = toFormData(REQUEST)
    expect(form.get('data_json')).toBe('{"attestation_name":"ut","junit_results":[]}')
    const file = form.get('attachment_file') as File
    expect(file.name).toBe('evidence.tgz')
    expect(file.size).toBe(1234)
    expect(file.type).toBe('application/octet-stream')
    expect([...form.keys()]).toEqual(['data_json', 'attachment_file'])
  })

  it('has no file part when there is no file', () => {
    expect([...toFormData({ ...REQUEST, file: undefined }).keys()]).toEqual(['data_json'])
  })
})

describe('describeMultipart', () => {
  it('prints method, URL, data_json pretty-printed, and the file by name and size', () => {
    expect(describeMultipart(REQUEST)).toBe(
      [
        'POST https://app.kosli.com/api/v2/attestations/acme/app/trail/t/junit (multipart/form-data)',
        'data_json:',
        '{',
        '  "attestation_name": "ut",',
        '  "junit_results": []',
        '}',
        'attachment_file: evidence.tgz (1,234 bytes)'
      ].join('\n')
    )
  })
})
