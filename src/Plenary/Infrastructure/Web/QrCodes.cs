using System.Globalization;
using System.Text;
using QRCoder;

namespace Plenary.Infrastructure.Web;

public static class QrCodes
{
    /// <summary>
    /// A QR code as inline SVG: one path of dark modules on a white square (quiet zone included), so it needs no
    /// image request, no script and no style attribute the content security policy would block.
    /// </summary>
    public static string Svg(string text, string label, int moduleSize = 5)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (modules[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }
        var encoded = PageTextEncoder.Instance.Encode(label);
        return $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size * moduleSize}" height="{size * moduleSize}" role="img" aria-label="{encoded}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>""";
    }
}
