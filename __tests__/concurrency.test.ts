import { describe, expect, it } from '@jest/globals'
import { mapLimit, settleLimit } from '../src/concurrency.js'

const tick = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** A task runner that records how many calls are in flight at once. */
function tracker() {
  let inFlight = 0
  let peak = 0
  const started: number[] = []
  return {
    get peak() {
      return peak
    },
    started,
    async run<R>(index: number, ms: number, value: () => R): Promise<R> {
      started.push(index)
      inFlight++
      peak = Math.max(peak, inFlight)
      try {
        await tick(ms)
        return value()
      } finally {
        inFlight--
      }
    }
  }
}

// Later items finish first, so order can only be kept on purpose.
const DELAYS = [30, 5, 20, 1, 15, 2, 10, 0, 8, 3]

describe('mapLimit', () => {
  it.each([1, 2, 3, 4, 10, 50])(
    'keeps the input order and never runs more than %i at once',
    async limit => {
      const t = tracker()
      const results = await mapLimit(DELAYS, limit, (ms, index) =>
        t.run(index, ms, () => `item-${index}`)
      )
      expect(results).toEqual(DELAYS.map((_, index) => `item-${index}`))
      expect(t.peak).toBe(Math.min(limit, DELAYS.length))
      expect([...t.started].sort((a, b) => a - b)).toEqual(DELAYS.map((_, index) => index))
    }
  )

  it('passes each item with its index', async () => {
    const seen: Array<[string, number]> = []
    await mapLimit(['a', 'b', 'c'], 2, async (item, index) => {
      seen.push([item, index])
    })
    expect(seen.sort()).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2]
    ])
  })

  it('answers an empty array without calling fn', async () => {
    let calls = 0
    expect(
      await mapLimit([], 4, async () => {
        calls++
      })
    ).toEqual([])
    expect(calls).toBe(0)
  })

  it.each([0, -1])('still makes progress with limit %i', async limit => {
    const t = tracker()
    expect(await mapLimit([1, 2, 3], limit, (x, i) => t.run(i, 1, () => x * 2))).toEqual([2, 4, 6])
    expect(t.peak).toBe(1)
  })

  it('rejects with the first failure', async () => {
    await expect(
      mapLimit([1, 2, 3], 2, async x => {
        if (x === 2) throw new Error('boom 2')
        return x
      })
    ).rejects.toThrow('boom 2')
  })
})

describe('settleLimit', () => {
  it('settles every item, in order, when some reject', async () => {
    const t = tracker()
    const results = await settleLimit(DELAYS, 3, (ms, index) =>
      t.run(index, ms, () => {
        if (index % 3 === 0) throw new Error(`failed ${index}`)
        return index * 10
      })
    )
    expect(t.started).toHaveLength(DELAYS.length)
    expect(t.peak).toBe(3)
    expect(
      results.map(result =>
        result.status === 'fulfilled' ? result.value : (result.reason as Error).message
      )
    ).toEqual(['failed 0', 10, 20, 'failed 3', 40, 50, 'failed 6', 70, 80, 'failed 9'])
    expect(results.map(result => result.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected'
    ])
  })

  it('keeps the rejection reason as given', async () => {
    const reason = { status: 503, unavailable: true }
    const [result] = await settleLimit([1], 1, () => Promise.reject(reason))
    expect(result).toEqual({ status: 'rejected', reason })
    expect((result as PromiseRejectedResult).reason).toBe(reason)
  })

  it('does not stop the others when the first rejects at once', async () => {
    const done: number[] = []
    const results = await settleLimit([0, 1, 2, 3], 2, async index => {
      if (index === 0) throw new Error('early')
      await tick(5)
      done.push(index)
      return index
    })
    expect(done.sort()).toEqual([1, 2, 3])
    expect(results.filter(result => result.status === 'fulfilled')).toHaveLength(3)
  })
})
