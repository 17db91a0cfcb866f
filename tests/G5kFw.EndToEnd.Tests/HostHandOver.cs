using System.Net;
using G5kFw.Oar;

namespace G5kFw.EndToEnd.Tests;

/// <summary>A host that passed from ended job A to job B, with the response to job B's opening request.</summary>
public sealed record HostHandOver(OarJob JobA, OarJob JobB, IPAddress Node, HttpResponseMessage ResponseB);
