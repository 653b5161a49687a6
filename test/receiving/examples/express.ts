// Express: read the body raw (express.raw), never through express.json(): the signature is over the exact bytes.
import express from 'express'
import { handle, receiver } from './receiver.js'

export const app = express()

app.post('/webhooks', express.raw({ type: '*/*' }), async (req, res) => {
  const result = await receiver.receiveRaw(req.body, req.headers)()
  if (result._tag === 'Left') return res.status(400).send(result.left.reason)
  await handle(result.right)
  res.sendStatus(200)
})
