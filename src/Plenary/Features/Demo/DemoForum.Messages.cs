using Microsoft.EntityFrameworkCore;
using Plenary.Features.Messages;
using Plenary.Features.Sessions;
using Plenary.Infrastructure.Data;

namespace Plenary.Features.Demo;

public static partial class DemoForum
{
    /// <summary>When the demo's Secretariat published the messages, a few days after the forum.</summary>
    private static readonly DateTime MessagesPublishedAt = Utc(2022, 12, 9, 12, 0);

    /// <summary>
    /// The demo forum's outcome document: three messages, each citing sessions of its subtheme with key takeaways, published
    /// in English with Spanish and French versions, and an Arabic version under way (one message of three translated, not
    /// published), so that both a reader and the Secretariat see what languages do to the document. The messages and their
    /// translations are invented in the IGF's manner; they are not the IGF 2022 messages.
    /// </summary>
    private static async Task AddMessagesAsync(PlenaryDb db, DemoContent content)
    {
        var forum = content.Forum;
        var cited = await db.Sessions.Where(s => s.ForumId == forum.Id && s.SubthemeId != null && s.Status == SessionStatus.Scheduled && s.Takeaways.Any())
            .OrderBy(s => s.Type.Position).ThenBy(s => s.Number)
            .Select(s => new { s.Id, s.SubthemeId, OpenForum56 = s.Type.Code == "OF" && s.Number == 56 }).ToListAsync();
        (string Subtheme, string Title, string Body, (string Language, string Translator, string Title, string Body)[] Versions)[] messages =
        [
            ("governing-data", "Data flows need trust built across borders",
                """
                Sessions on data governance agreed that the economic value of data depends on trust between countries, businesses and users. Participants called for:

                - interoperable rules for cross-border data flows, negotiated with all stakeholders;
                - privacy protections that travel with the data;
                - support for developing countries to build the capacity to govern their own data.

                Open Forum #56 stressed that international cooperation on the digital economy must narrow the digital divide rather than widen it.
                """,
            [
                ("es", "Lucía Fernández (demo)", "Los flujos de datos necesitan confianza más allá de las fronteras",
                    """
                    Las sesiones sobre gobernanza de datos coincidieron en que el valor económico de los datos depende de la confianza entre países, empresas y usuarios. Los participantes pidieron:

                    - normas interoperables para los flujos transfronterizos de datos, negociadas con todas las partes interesadas;
                    - protecciones de la privacidad que acompañen a los datos;
                    - apoyo a los países en desarrollo para crear la capacidad de gobernar sus propios datos.

                    El Foro Abierto n.º 56 subrayó que la cooperación internacional en la economía digital debe reducir la brecha digital, no ampliarla.
                    """),
                ("fr", "Camille Martin (demo)", "Les flux de données ont besoin d’une confiance qui dépasse les frontières",
                    """
                    Les sessions consacrées à la gouvernance des données ont convenu que la valeur économique des données dépend de la confiance entre pays, entreprises et utilisateurs. Les participants ont demandé :

                    - des règles interopérables pour les flux transfrontières de données, négociées avec toutes les parties prenantes ;
                    - des protections de la vie privée qui accompagnent les données ;
                    - un soutien aux pays en développement pour qu’ils se dotent des moyens de gouverner leurs propres données.

                    Le Forum ouvert n° 56 a souligné que la coopération internationale dans l’économie numérique doit réduire la fracture numérique, et non la creuser.
                    """),
                ("ar", "Rania Haddad (demo)", "تدفقات البيانات تحتاج إلى ثقة تتجاوز الحدود",
                    """
                    اتفقت الجلسات المخصصة لحوكمة البيانات على أن القيمة الاقتصادية للبيانات تتوقف على الثقة بين البلدان والشركات والمستخدمين. ودعا المشاركون إلى:

                    - قواعد قابلة للتشغيل البيني لتدفقات البيانات عبر الحدود، يُتفاوض عليها مع جميع أصحاب المصلحة؛
                    - حماية للخصوصية ترافق البيانات حيثما انتقلت؛
                    - دعم البلدان النامية لبناء قدرتها على حوكمة بياناتها.

                    وأكد المنتدى المفتوح رقم 56 أن التعاون الدولي في الاقتصاد الرقمي يجب أن يضيّق الفجوة الرقمية لا أن يوسّعها.
                    """),
            ]),
            ("connecting-all-people", "Meaningful connectivity is more than coverage",
                "Nearly 2.7 billion people remained offline in 2022. Sessions on universal access found that affordability, digital skills and content in local languages matter as much as network coverage. Community networks, shared infrastructure and open spectrum policies were named as proven ways to reach the last mile, and participants asked that human rights online be protected with the same care as offline.",
            [
                ("es", "Lucía Fernández (demo)", "La conectividad significativa es más que cobertura",
                    "Cerca de 2.700 millones de personas seguían sin conexión en 2022. Las sesiones sobre acceso universal concluyeron que la asequibilidad, las competencias digitales y los contenidos en lenguas locales importan tanto como la cobertura de la red. Las redes comunitarias, la infraestructura compartida y las políticas abiertas de espectro se citaron como vías probadas para llegar a la última milla, y los participantes pidieron que los derechos humanos en línea se protejan con el mismo cuidado que fuera de línea."),
                ("fr", "Camille Martin (demo)", "Une connectivité utile, c’est plus que la couverture",
                    "Près de 2,7 milliards de personnes n’étaient toujours pas connectées en 2022. Les sessions sur l’accès universel ont conclu que le caractère abordable, les compétences numériques et les contenus en langues locales comptent autant que la couverture du réseau. Les réseaux communautaires, le partage des infrastructures et des politiques ouvertes du spectre ont été cités comme des moyens éprouvés d’atteindre le dernier kilomètre, et les participants ont demandé que les droits humains en ligne soient protégés avec le même soin que hors ligne."),
            ]),
            ("advanced-technologies", "AI governance must include the Global South",
                "Sessions on artificial intelligence warned that rules written by a few countries and companies will not fit everyone. Participants asked for impact assessments before high-risk systems are deployed, transparency about training data, and the participation of the Global South, civil society and affected communities in setting the standards.",
            [
                ("es", "Lucía Fernández (demo)", "La gobernanza de la IA debe incluir al Sur Global",
                    "Las sesiones sobre inteligencia artificial advirtieron que las normas escritas por unos pocos países y empresas no servirán para todos. Los participantes pidieron evaluaciones de impacto antes de desplegar sistemas de alto riesgo, transparencia sobre los datos de entrenamiento y la participación del Sur Global, la sociedad civil y las comunidades afectadas en la definición de las normas."),
                ("fr", "Camille Martin (demo)", "La gouvernance de l’IA doit inclure les pays du Sud",
                    "Les sessions sur l’intelligence artificielle ont averti que des règles écrites par quelques pays et entreprises ne conviendront pas à tous. Les participants ont demandé des études d’impact avant le déploiement de systèmes à haut risque, la transparence sur les données d’entraînement et la participation des pays du Sud, de la société civile et des communautés concernées à l’élaboration des normes."),
            ]),
        ];
        foreach (var (slug, title, body, versions) in messages)
        {
            var subtheme = forum.Subthemes.Single(s => s.Slug == slug);
            // Open Forum #56 first where it belongs, then the subtheme's first sessions with takeaways in programme order.
            var cites = cited.Where(s => s.SubthemeId == subtheme.Id).OrderByDescending(s => s.OpenForum56).Take(3).Select(s => s.Id).ToList();
            var message = new ForumMessage
            {
                ForumId = forum.Id, SubthemeId = subtheme.Id, Title = title, Body = body.ReplaceLineEndings("\n").Trim(), Position = 1, Version = 1,
                PublishedAt = MessagesPublishedAt, UpdatedAt = MessagesPublishedAt, UpdatedBy = "IGF Secretariat (demo)",
                Citations = cites.Select(id => new MessageCitation { SessionId = id }).ToList(),
            };
            db.ForumMessages.Add(message);
            await db.SaveChangesAsync();
            foreach (var (language, translator, translatedTitle, translatedBody) in versions)
            {
                db.MessageTranslations.Add(new MessageTranslation
                {
                    MessageId = message.Id, Language = language, Title = translatedTitle, Body = translatedBody.ReplaceLineEndings("\n").Trim(),
                    OriginalDigest = MessageTranslation.DigestOf(message), TranslatedByName = translator, TranslatedAt = TranslatedAt, Version = 1,
                });
            }
        }
        db.OutcomeDocuments.Add(new OutcomeDocument { ForumId = forum.Id, PublishedAt = MessagesPublishedAt });
        db.OutcomeLanguages.AddRange(
            new OutcomeLanguage { ForumId = forum.Id, Language = "es", PublishedAt = TranslatedAt },
            new OutcomeLanguage { ForumId = forum.Id, Language = "fr", PublishedAt = TranslatedAt });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
