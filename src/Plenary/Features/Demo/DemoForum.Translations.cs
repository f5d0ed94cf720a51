using Plenary.Features.Sessions;

namespace Plenary.Features.Demo;

public static partial class DemoForum
{
    /// <summary>When the demo's translators finished, two weeks after the forum, as the IGF's translated records come.</summary>
    private static readonly DateTime TranslatedAt = Utc(2022, 12, 16, 10, 0);

    /// <summary>
    /// Open Forum #56 in more than its original English: its title and description in Spanish and Arabic, its key
    /// takeaways in French, each by an invented translator. Added after everything else and without drawing from the
    /// demo's random sequence, so every other session, person and placement stays as it was. The translations are
    /// invented (the IGF published this session in English only).
    /// </summary>
    private static void AddTranslations(DemoContent content)
    {
        if (content.Sessions.FirstOrDefault(s => s.Type.Code == "OF" && s.Number == 56) is not { } session)
        {
            return;
        }
        void Translate(string language, TranslatedPart part, int partId, string original, string translator, string text) =>
            content.Translations.Add((session, new SessionTranslation
            {
                Language = language, Part = part, PartId = partId, Text = text, OriginalDigest = SessionTranslation.DigestOf(original),
                TranslatedByName = translator, TranslatedAt = TranslatedAt,
            }));
        const string Spanish = "Lucía Fernández (demo)";
        const string Arabic = "Rania Haddad (demo)";
        const string French = "Camille Martin (demo)";
        Translate("es", TranslatedPart.Title, 0, session.Title, Spanish,
            "Mejorar la cooperación internacional en la economía digital impulsada por los datos");
        Translate("es", TranslatedPart.Description, 0, session.Description!, Spanish, """
            Con el título «Mejorar la cooperación internacional en la economía digital impulsada por los datos, lograr la conectividad digital y la prosperidad común», este foro abierto invita a funcionarios gubernamentales y a representantes de organizaciones de las Naciones Unidas, ONG, la sociedad civil, la comunidad técnica y el sector privado, entre otros, a debatir las cuestiones, los desafíos y las oportunidades del desarrollo de la economía digital, la construcción de infraestructura digital y la gobernanza de datos. Su objetivo último es pedir a la comunidad internacional que aúne esfuerzos para hacer avanzar la cooperación internacional en economía digital, conectividad digital y gobernanza de datos, y reunir ideas y recomendaciones de políticas para reducir la brecha digital y las barreras al comercio digital, de modo que la humanidad comparta los beneficios de la economía digital, la conectividad digital y una Internet resiliente.
            """);
        Translate("ar", TranslatedPart.Title, 0, session.Title, Arabic,
            "تعزيز التعاون الدولي بشأن الاقتصاد الرقمي القائم على البيانات");
        Translate("ar", TranslatedPart.Description, 0, session.Description!, Arabic, """
            يدعو هذا المنتدى المفتوح، المعنون «تعزيز التعاون الدولي بشأن الاقتصاد الرقمي القائم على البيانات وتحقيق الترابط الرقمي والازدهار المشترك»، المسؤولين الحكوميين وممثلي مؤسسات الأمم المتحدة والمنظمات غير الحكومية والمجتمع المدني والمجتمع التقني والقطاع الخاص، وغيرهم، إلى مناقشة القضايا والتحديات والفرص المتصلة بتنمية الاقتصاد الرقمي وبناء البنية التحتية الرقمية وحوكمة البيانات. وغايته دعوة المجتمع الدولي إلى تضافر الجهود للنهوض بالتعاون الدولي في مجالات الاقتصاد الرقمي والترابط الرقمي وحوكمة البيانات، وجمع الأفكار والتوصيات السياساتية لسد الفجوة الرقمية وإزالة الحواجز أمام التجارة الرقمية، كي تتقاسم البشرية منافع الاقتصاد الرقمي والترابط الرقمي وإنترنت قادرة على الصمود.
            """);
        var takeaways = session.Takeaways.Where(t => t.Kind == TakeawayKind.KeyTakeaway).OrderBy(t => t.Position).ToList();
        string[] french =
        [
            "Toutes les parties, gouvernements, société civile, secteur privé et autres, devraient coopérer pour bâtir ensemble une communauté de destin partagé dans le cyberespace. Il convient d’approfondir les échanges et la coopération numériques, d’élargir les échanges économiques et commerciaux dans le domaine numérique, de favoriser l’interconnexion des infrastructures numériques, de permettre à tous d’accéder au numérique et de promouvoir ensemble le développement durable de l’économie numérique mondiale.",
            "L’établissement de règles internationales de gouvernance numérique fondées sur la consultation et le consensus renforcera le développement de l’économie numérique. Une participation accrue à l’élaboration des règles internationales du commerce numérique aide à réduire les barrières commerciales et à favoriser un développement sain et ordonné du commerce international.",
        ];
        foreach (var (takeaway, text) in takeaways.Zip(french))
        {
            Translate("fr", TranslatedPart.Takeaway, takeaway.Position, takeaway.Text, French, text);
        }
    }
}
