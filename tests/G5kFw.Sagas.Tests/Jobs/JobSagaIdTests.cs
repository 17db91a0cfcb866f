using G5kFw.Sagas.Jobs;

namespace G5kFw.Sagas.Tests.Jobs;

public sealed class JobSagaIdTests
{
    [Fact]
    public void SameJobGivesSameId() => Assert.Equal(JobSagaId.For("rennes", 42), JobSagaId.For("Rennes", 42));

    [Fact]
    public void OtherSiteOrJobGivesOtherId()
    {
        Assert.NotEqual(JobSagaId.For("rennes", 42), JobSagaId.For("nancy", 42));
        Assert.NotEqual(JobSagaId.For("rennes", 42), JobSagaId.For("rennes", 43));
    }

    [Fact]
    public void IdIsVersionFiveUuid()
    {
        var text = JobSagaId.For("rennes", 42).ToString();

        Assert.Equal('5', text[14]);
        Assert.Contains(text[19], "89ab");
    }
}
