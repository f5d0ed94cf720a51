using Plenary.Kernel.Links;

namespace Plenary.Features.Certificates;

public static class CertificateLinks
{
    /// <summary>The participant's own certificate of attendance: "/igf2022/certificate".</summary>
    public static string Mine(string forumSlug) => LinkPath.InForum(forumSlug, "certificate");

    public static string Pdf(string forumSlug) => LinkPath.InForum(forumSlug, "certificate?handler=Pdf");

    /// <summary>The public verification page the certificate's link and QR code lead to.</summary>
    public static string Verify(string forumSlug, string code) => LinkPath.InForum(forumSlug, "certificates/" + LinkPath.Segment(code));

    /// <summary>The Secretariat's list of certificates, with manual issue, revocation and the attendance import.</summary>
    public static string Manage(string forumSlug) => LinkPath.InForum(forumSlug, "manage/certificates");
}
