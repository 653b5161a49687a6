import { createFaults, MEMORY_EVENTS, memoryProvider } from '@unihook/core/testing'
import { runContractSuite } from '@unihook/core/testing/contract'

const API_KEY = 'memory-key-3f9a1c77d2'

runContractSuite({
  name: 'memory',
  modes: ['memory'],
  events: MEMORY_EVENTS,
  url: (n) => `https://hooks.example.com/memory/${n}`,
  unknownId: '00000000-0000-4000-8000-000000000000',
  secrets: [API_KEY, 'memory-wrong-key-aa81'],
  createRetry: 'never-retried',
  setup: async () => {
    const faults = createFaults()
    const provider = memoryProvider({ credentials: { expected: API_KEY, sent: API_KEY }, faults })
    const withBadCredentials = memoryProvider({ credentials: { expected: API_KEY, sent: 'memory-wrong-key-aa81' } })
    return {
      provider,
      withBadCredentials,
      faults,
      requestCount: () => provider.calls.length,
      close: async () => {},
    }
  },
})

// The same suite holds when a provider lacks operations: they must answer Unsupported.
runContractSuite({
  name: 'memory-minimal',
  modes: ['memory'],
  events: MEMORY_EVENTS,
  url: (n) => `https://hooks.example.com/minimal/${n}`,
  unknownId: '00000000-0000-4000-8000-000000000000',
  secrets: [API_KEY],
  createRetry: 'never-retried',
  setup: async () => {
    const faults = createFaults()
    const capabilities = {
      operations: { test: 'absent', rotateSecret: 'absent' },
      listFilters: [],
      pagination: { style: 'offset', defaultPageSize: 5, maxPageSize: 5 },
      maxWebhooks: 8,
    } as const
    const provider = memoryProvider({ provider: 'memory-minimal', capabilities, credentials: { expected: API_KEY, sent: API_KEY }, faults })
    const withBadCredentials = memoryProvider({ provider: 'memory-minimal', capabilities, credentials: { expected: API_KEY, sent: 'nope-nope-nope' } })
    return { provider, withBadCredentials, faults, requestCount: () => provider.calls.length, close: async () => {} }
  },
})
