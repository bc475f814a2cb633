/** A file part: a template or the one evidence attachment. */
interface FilePart {
  field: 'template_file' | 'attachment_file'
  /** Sent as the part's filename: a basename, never a path. */
  filename: string
  bytes: Uint8Array
}

/** A Kosli multipart write: the data_json text part and at most one file part. */
export interface MultipartRequest {
  method: 'PUT' | 'POST'
  url: string
  dataJson: unknown
  file?: FilePart
}

/** The body to send: data_json as compact JSON text, the file as application/octet-stream. */
export function toFormData(request: MultipartRequest): FormData {
  const form = new FormData()
  form.append('data_json', JSON.stringify(request.dataJson))
  if (request.file) {
    const blob = new Blob([request.file.bytes], { type: 'application/octet-stream' })
    form.append(request.file.field, blob, request.file.filename)
  }
  return form
}

/** What a dry run prints instead of sending: method, URL, data_json, each file by name and size. */
export function describeMultipart(request: MultipartRequest): string {
  const lines = [
    `${request.method} ${request.url} (multipart/form-data)`,
    'data_json:',
    JSON.stringify(request.dataJson, null, 2)
  ]
  if (request.file) {
    const size = request.file.bytes.byteLength
    lines.push(
      `${request.file.field}: ${request.file.filename} (${size.toLocaleString('en-US')} ${size === 1 ? 'byte' : 'bytes'})`
    )
  }
  return lines.join('\n')
}
