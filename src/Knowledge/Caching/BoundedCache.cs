using System.Collections.Concurrent;

namespace IomAssistant.Knowledge.Caching;

/// <summary>
/// What the engine remembers between questions (stems, corrections, term lookups, read
/// passages), safe from any number of threads and never larger than its capacity: a full
/// cache is simply emptied, so no stream of made-up words can grow it. Entries are counted
/// apart, because a ConcurrentDictionary's own count takes every one of its locks.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new(comparer);
    private int _count;

    public bool TryGetValue(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    /// <summary>Remembers <paramref name="value"/> for <paramref name="key"/>, emptying the cache first when it is full.</summary>
    public void Add(TKey key, TValue value)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 1);
        }
        _entries[key] = value;
    }

    /// <summary>
    /// The value remembered for <paramref name="key"/>, or <paramref name="make"/>'s, remembered.
    /// What <paramref name="make"/> needs comes as <paramref name="state"/>, so a static lambda
    /// allocates nothing on the way of every question.
    /// </summary>
    public TValue GetOrAdd<TState>(TKey key, Func<TKey, TState, TValue> make, TState state)
    {
        if (_entries.TryGetValue(key, out var value))
            return value;
        value = make(key, state);
        Add(key, value);
        return value;
    }
}
