using System.Text.Json.Serialization;
using SecretBroker.Injector.Admission;

namespace SecretBroker.Injector;

/// <summary>Source-generated JSON for the AdmissionReview envelope (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(AdmissionReview))]
[JsonSerializable(typeof(string))]
internal sealed partial class InjectorJsonContext : JsonSerializerContext;
