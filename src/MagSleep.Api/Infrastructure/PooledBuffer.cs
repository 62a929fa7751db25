using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MagSleep.Api.Infrastructure;

/// <summary>A growable buffer on arrays from the shared pool: an answer's bytes need neither zeroing nor collecting.</summary>
internal sealed class PooledBuffer(int initialSize) : IBufferWriter<byte>, IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(initialSize);

    /// <summary><paramref name="value"/> as JSON, escaped as <see cref="ApiJson.Options"/> escapes.</summary>
    public static PooledBuffer Json<T>(T value, JsonTypeInfo<T> typeInfo, int initialSize) =>
        Json((value, typeInfo), static (writer, state) => JsonSerializer.Serialize(writer, state.value, state.typeInfo), initialSize);

    /// <summary>What <paramref name="write"/> writes, through a writer with the API's escaping.</summary>
    public static PooledBuffer Json<TState>(TState state, Action<Utf8JsonWriter, TState> write, int initialSize)
    {
        var body = new PooledBuffer(initialSize);
        using (var writer = new Utf8JsonWriter(body, ApiJson.WriterOptions))
        {
            write(writer, state);
        }

        return body;
    }

    public int WrittenCount { get; private set; }

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, WrittenCount);

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, WrittenCount);

    public void Advance(int count) => WrittenCount += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsMemory(WrittenCount);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsSpan(WrittenCount);
    }

    public void Dispose()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_array.Length - WrittenCount < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, WrittenCount + needed));
            _array.AsSpan(0, WrittenCount).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
    }
}

