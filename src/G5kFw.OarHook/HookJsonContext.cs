using System.Text.Json.Serialization;
using G5kFw.Contracts.Oar;

namespace G5kFw.OarHook;

/// <summary>
/// Serializes the OAR events without reflection, which keeps the hook's start-up short. The camel-case names match
/// MassTransit's System.Text.Json serializer.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OarJobStarted))]
[JsonSerializable(typeof(OarJobEnded))]
internal sealed partial class HookJsonContext : JsonSerializerContext;
