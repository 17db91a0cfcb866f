namespace G5kFw.Sagas.ReadModels;

/// <summary>A job that has openings on its site.</summary>
public sealed record JobWithOpenings(string Site, long JobId);
