using System.Security.Cryptography;
using System.Text;
using IomAssistant.Knowledge.Audiences;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Web;

/// <summary>
/// Who asks on the web page and <c>/api/ask</c>: the public, unless a gateway in front of the
/// bot that authenticated the caller says otherwise. The gateway sends <c>Web:AudienceHeader</c>
/// with the shared secret <c>Web:TrustedAudienceHeaderValue</c>; only a request carrying exactly
/// that value asks as <c>Web:TrustedAudiences</c>. Compared in constant time.
/// </summary>
public sealed class WebAudiences(IOptions<WebOptions> options)
{
    public IReadOnlySet<string> Of(HttpRequest request)
    {
        var web = options.Value;
        if (web.AudienceHeader.Length == 0 || request.Headers[web.AudienceHeader] is not { Count: 1 } values || values[0] is not { } value)
            return Audience.Public;
        var expected = Encoding.UTF8.GetBytes(web.TrustedAudienceHeaderValue);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), expected)
            ? Audience.Of(web.TrustedAudiences)
            : Audience.Public;
    }
}
