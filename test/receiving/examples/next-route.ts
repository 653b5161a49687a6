// Next.js App Router: app/webhooks/route.ts. A standard Request: runs on the Node and the edge runtime.
import { handle, receiver } from './receiver.js'

export async function POST(request: Request): Promise<Response> {
  const result = await receiver.receive(request)()
  if (result._tag === 'Left') return new Response(result.left.reason, { status: 400 })
  await handle(result.right)
  return new Response('ok')
}
