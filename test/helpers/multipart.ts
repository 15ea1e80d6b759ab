/** A browser-like multipart upload of one file in the field «archivo», for `app.inject`. */
export function multipart(filename: string, content: Buffer, contentType = 'application/pdf') {
  const boundary = '----sipros' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { origin: 'http://localhost', 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
