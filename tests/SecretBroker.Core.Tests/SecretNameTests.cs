namespace SecretBroker.Core.Tests;

public class SecretNameTests
{
    [Theory]
    [InlineData("hf-token")]
    [InlineData("a")]
    [InlineData("model.store_key-1")]
    [InlineData("0")]
    public void Accepts_names_matching_the_contract_pattern(string name) => Assert.True(SecretName.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData("..data")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("../etc/passwd")]
    [InlineData("Upper")]
    [InlineData("trailing-")]
    [InlineData("with space")]
    [InlineData("a\0b")]
    public void Rejects_names_that_could_escape_or_hide_in_the_output_directory(string name) => Assert.False(SecretName.IsValid(name));

    [Fact]
    public void Rejects_names_longer_than_253_characters()
    {
        Assert.True(SecretName.IsValid(new string('a', 253)));
        Assert.False(SecretName.IsValid(new string('a', 254)));
    }
}
