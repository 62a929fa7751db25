using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MagSleep.Api.Infrastructure.Edge;

/// <summary>
/// The one Redis operation the shared rate limiter needs: count a hit in a window that expires by itself.
/// Speaks RESP over a small pool of connections, each used by one call at a time.
/// </summary>
internal sealed class RedisCounter : IAsyncDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly string? _password;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentBag<Connection> _idle = [];

    public RedisCounter(string connectionString, TimeSpan timeout)
    {
        var parts = connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var endpoint = parts.Length > 0 ? parts[0] : throw new ArgumentException("The Redis connection string is empty.", nameof(connectionString));
        var colon = endpoint.LastIndexOf(':');
        _host = colon > 0 ? endpoint[..colon] : endpoint;
        _port = colon > 0 ? int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture) : 6379;
        _password = parts.Skip(1).Select(p => p.Split('=', 2)).Where(kv => kv.Length == 2 && kv[0].Equals("password", StringComparison.OrdinalIgnoreCase)).Select(kv => kv[1]).FirstOrDefault();
        _timeout = timeout;
    }

    /// <summary>INCR the key and, when this hit created it, let it expire after <paramref name="window"/>. Returns the count.</summary>
    public async Task<long> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var connection = _idle.TryTake(out var pooled) ? pooled : await Connection.OpenAsync(_host, _port, _password, timeout.Token);
        try
        {
            var milliseconds = ((long)window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            var replies = await connection.SendAsync([["INCR", key], ["PEXPIRE", key, milliseconds, "NX"]], timeout.Token);
            _idle.Add(connection);
            return replies[0];
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private sealed class Connection : IDisposable
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly byte[] _buffer = new byte[256];
        private int _start;
        private int _end;

        private Connection(TcpClient client)
        {
            _client = client;
            _stream = client.GetStream();
        }

        public static async Task<Connection> OpenAsync(string host, int port, string? password, CancellationToken cancellationToken)
        {
            var client = new TcpClient { NoDelay = true };
            try
            {
                await client.ConnectAsync(host, port, cancellationToken);
                var connection = new Connection(client);
                if (password is not null)
                {
                    await connection.SendAsync([["AUTH", password]], cancellationToken);
                }

                return connection;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        /// <summary>Sends the commands in one write (pipelined) and reads one integer or status reply for each.</summary>
        public async Task<long[]> SendAsync(string[][] commands, CancellationToken cancellationToken)
        {
            var request = new StringBuilder();
            foreach (var command in commands)
            {
                request.Append('*').Append(command.Length).Append("\r\n");
                foreach (var argument in command)
                {
                    request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
                }
            }

            await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);
            var replies = new long[commands.Length];
            for (var i = 0; i < commands.Length; i++)
            {
                var line = await ReadLineAsync(cancellationToken);
                replies[i] = line[0] switch
                {
                    ':' => long.Parse(line.AsSpan(1), CultureInfo.InvariantCulture),
                    '+' => 0,
                    _ => throw new IOException($"Redis answered '{line}'."),
                };
            }

            return replies;
        }

        private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await _stream.ReadAsync(_buffer, cancellationToken);
                    if (_end == 0)
                    {
                        throw new IOException("Redis closed the connection.");
                    }
                }

                var c = (char)_buffer[_start++];
                if (c == '\n' && line.Length > 0 && line[^1] == '\r')
                {
                    return line.ToString(0, line.Length - 1);
                }

                line.Append(c);
            }
        }

        public void Dispose() => _client.Dispose();
    }
}
