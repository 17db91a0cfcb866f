namespace G5kFw.Oar.Tests;

public sealed class OarJobRulesTests
{
    [Theory]
    [InlineData(true, new[] { "noop" }, true)]
    [InlineData(false, new[] { "noop" }, false)]
    [InlineData(true, new[] { "noop", "timesharing=*,*" }, false)]
    [InlineData(true, new[] { "timesharing=user,*" }, false)]
    [InlineData(true, new string[0], true)]
    public void HoldsHostsExclusively_FollowsWholeHostsAndTimesharing(bool wholeHosts, string[] types, bool expected)
    {
        Assert.Equal(expected, OarJobRules.HoldsHostsExclusively(wholeHosts, ["node-1.example.org"], types));
    }

    [Fact]
    public void HoldsHostsExclusively_IsFalseWithoutHosts()
    {
        Assert.False(OarJobRules.HoldsHostsExclusively(true, [], ["noop"]));
    }
}
