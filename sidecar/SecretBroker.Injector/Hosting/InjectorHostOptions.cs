using System.Net;
using Microsoft.Extensions.Logging;
using SecretBroker.Injector.Mutation;

namespace SecretBroker.Injector.Hosting;

/// <summary>Everything <see cref="InjectorHost"/> needs; tests fill it with a temporary certificate and port 0.</summary>
internal sealed class InjectorHostOptions
{
    public required InjectorSettings Settings { get; set; }

    public required string CertificateFile { get; init; }

    public required string KeyFile { get; init; }

    public IPEndPoint Listen { get; init; } = new(IPAddress.Any, 8443);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public TimeSpan CertificateCheckInterval { get; init; } = CertificateReloader.DefaultInterval;

    public bool JsonConsoleLogging { get; init; } = true;

    /// <summary>Tests add a collecting provider here.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
