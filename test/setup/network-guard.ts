import net from 'node:net'

// Tests may only reach loopback. Anything else is a bug in a test or a fake, so fail loudly instead of
// letting a request leave the machine.
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/

const originalConnect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const [first, second] = args
  const host =
    typeof first === 'object' && first !== null
      ? (first as { host?: string; path?: string }).path
        ? 'localhost'
        : ((first as { host?: string }).host ?? 'localhost')
      : typeof second === 'string'
        ? second
        : 'localhost'
  if (!LOOPBACK.test(host)) throw new Error(`test tried to reach ${host}: only loopback is allowed`)
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args)
} as typeof net.Socket.prototype.connect
