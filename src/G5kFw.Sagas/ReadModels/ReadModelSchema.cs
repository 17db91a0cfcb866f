using Marten;

namespace G5kFw.Sagas.ReadModels;

public static class ReadModelSchema
{
    /// <summary>
    /// Registers the read model documents. The Worker and the API both call it, because Marten updates a document's
    /// table to match its registration at start, and two different registrations would undo each other's indexes.
    /// </summary>
    public static void Configure(StoreOptions options) =>
        options.Schema.For<JobOpenings>().Index(job => job.Site);
}
