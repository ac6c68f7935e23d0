using System.Text;
using Microsoft.Extensions.Configuration;

namespace SecretBroker.Configuration.Tests.Direct.Fakes;

/// <summary>An appsettings.json document read by the real JSON provider, as an app's configuration would hold it.</summary>
internal static class JsonSection
{
    public static IConfigurationSection Of(string json, string section = "SecretBroker")
    {
        IConfigurationRoot appsettings = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return appsettings.GetSection(section);
    }
}
