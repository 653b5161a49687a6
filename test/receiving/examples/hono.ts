// Hono (Node, Bun, Deno, workers): c.req.raw is the standard Request, body unread.
import { Hono } from 'hono'
import { handle, receiver } from './receiver.js'

export const app = new Hono()

app.post('/webhooks', async (c) => {
  const result = await receiver.receive(c.req.raw)()
  if (result._tag === 'Left') return c.text(result.left.reason, 400)
  await handle(result.right)
  return c.text('ok')
})
