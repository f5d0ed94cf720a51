using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Localization;
using Plenary.Infrastructure.Localization;
using Plenary.Infrastructure.Web;
using Plenary.Kernel.Validation;

namespace Plenary.Features.Manage;

/// <summary>What is wrong with a file, a row or one cell of an import, in words the Secretariat can act on.</summary>
/// <param name="Row">The spreadsheet's row number (the header is row 1); 0 for the file as a whole.</param>
public sealed record CsvProblem(string File, int Row, string? Column, string Message);

/// <summary>One data row: its spreadsheet row number and its raw cells by column name.</summary>
public sealed record CsvRow(int Number, IReadOnlyDictionary<string, string> Cells);

/// <summary>
/// Reading and writing the workspace's CSV files. Spreadsheets are the Secretariat's tool, so files are read the
/// way Excel and LibreOffice write them (UTF-8 with or without a BOM, comma or semicolon) and written so that
/// Excel opens them correctly (UTF-8 with a BOM) and never runs a cell as a formula.
/// </summary>
public static class CsvFiles
{
    public const int MaxRows = 20_000;
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Characters that make a spreadsheet treat a cell as a formula (OWASP's list).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static bool LooksLikeFormula(string cell) => cell.Length > 0 && FormulaStarts.Contains(cell[0]);

    /// <summary>
    /// Whether a cell gets an apostrophe on its way out: it looks like a formula, or it is apostrophes before one (so
    /// that a title really beginning "'=" comes back from the import as it left).
    /// </summary>
    private static bool NeedsApostrophe(string cell) => LooksLikeFormula(cell.TrimStart('\''));

    /// <summary>
    /// The apostrophe tells a spreadsheet "this is text". Text beginning with =, +, - or @ is ordinary text in Plenary
    /// ("+Connect", "@Youth forum"; see <see cref="Infrastructure.Web.SingleLine"/>), so it is neutralised here, where
    /// spreadsheets come in, and <see cref="Restore"/> takes the apostrophe off on import: an export re-imports as it was.
    /// </summary>
    public static string Neutralise(string cell) => NeedsApostrophe(cell) ? "'" + cell : cell;

    /// <summary>A cell as Plenary wrote it, back to its text: the exact inverse of <see cref="Neutralise"/>.</summary>
    public static string Restore(string cell) => cell.Length > 1 && cell[0] == '\'' && NeedsApostrophe(cell[1..]) ? cell[1..] : cell;

    /// <summary>
    /// The rows of an uploaded file, or the problems that stop it being read at all: not UTF-8, wrong columns,
    /// too many rows, broken quoting.
    /// </summary>
    /// <param name="required">The columns the header must hold; the others may be left out (null: all of them).</param>
    public static (List<CsvRow> Rows, List<CsvProblem> Problems) Read(string file, byte[] bytes, IReadOnlyList<string> columns, IStringLocalizer L,
        IReadOnlyCollection<string>? required = null)
    {
        var rows = new List<CsvRow>();
        var problems = new List<CsvProblem>();
        void Problem(int row, string message) => problems.Add(new CsvProblem(file, row, null, message));

        if (bytes.LongLength > MaxBytes)
        {
            Problem(0, L["The file is larger than {0} MB. Split it into several files.", MaxBytes / 1024 / 1024]);
            return (rows, problems);
        }
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            Problem(0, L["The file is saved as UTF-16 (“Unicode text”). Save it as “CSV UTF-8” and upload it again."]);
            return (rows, problems);
        }
        var text = bytes.AsSpan();
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }
        if (FirstBadLine(text) is { } line)
        {
            // Decoding anyway would store mojibake ("Ã©" for "é") in people's names.
            Problem(0, L["Line {0} is not valid UTF-8: the file is probably saved as Windows-1252 or Latin-1. Save it as “CSV UTF-8” and upload it again.", line]);
            return (rows, problems);
        }
        var content = Encoding.UTF8.GetString(text);
        if (string.IsNullOrWhiteSpace(content))
        {
            Problem(0, L["The file is empty. Its first row must name the columns: {0}.", L.List(columns)]);
            return (rows, problems);
        }

        var badRows = new HashSet<int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = Delimiter(content),
            IgnoreBlankLines = true,
            BadDataFound = args => badRows.Add(args.Context.Parser!.Row),
        };
        using var parser = new CsvParser(new StringReader(content), config);
        if (!parser.Read())
        {
            Problem(0, L["The file is empty. Its first row must name the columns: {0}.", L.List(columns)]);
            return (rows, problems);
        }
        var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = (required ?? columns).Except(header).ToList();
        var unknown = header.Except(columns).ToList();
        if (missing.Count > 0 || unknown.Count > 0 || header.Distinct().Count() != header.Length)
        {
            var message = L["The columns are not the expected ones. Expected: {0}. Found: {1}.", L.List(columns), L.List(header)].Value;
            if (missing.Count > 0)
            {
                message += " " + L["Missing: {0}.", L.List(missing)];
            }
            if (unknown.Count > 0)
            {
                message += " " + L["Not expected: {0}.", L.List(unknown)];
            }
            Problem(1, message);
            return (rows, problems);
        }

        while (parser.Read())
        {
            var number = parser.Row;
            if (rows.Count == MaxRows)
            {
                Problem(0, L["The file holds more than {0} rows. Split it into several files.", MaxRows.ToString("N0", CultureInfo.CurrentCulture)]);
                return (rows, problems);
            }
            var record = parser.Record!;
            if (badRows.Remove(number))
            {
                Problem(number, L["A quotation mark is in the middle of a cell. Put the whole cell in quotation marks and double the ones inside it."]);
                continue;
            }
            if (record.Length != header.Length)
            {
                Problem(number, L["This row has {0} cells but the header has {1}.", record.Length, header.Length]);
                continue;
            }
            var cells = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                cells[header[i]] = record[i];
            }
            rows.Add(new CsvRow(number, cells));
        }
        return (rows, problems);
    }

    /// <summary>The 1-based line holding the first byte sequence that is not UTF-8, or null when the whole file is.</summary>
    private static int? FirstBadLine(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }
        var line = 1;
        while (true)
        {
            var end = bytes.IndexOf((byte)'\n');
            var current = end < 0 ? bytes : bytes[..end];
            if (!System.Text.Unicode.Utf8.IsValid(current))
            {
                return line;
            }
            if (end < 0)
            {
                return null;
            }
            bytes = bytes[(end + 1)..];
            line++;
        }
    }

    /// <summary>Excel writes semicolons where the decimal mark is a comma (France, most of Europe); the header row tells which.</summary>
    private static string Delimiter(string content)
    {
        var end = content.IndexOf('\n');
        var header = end < 0 ? content : content[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ";" : ",";
    }

    /// <summary>A CSV file in UTF-8 with a BOM, so Excel reads accents right; text cells that look like formulas are neutralised.</summary>
    public static byte[] Write(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None }))
        {
            foreach (var column in columns)
            {
                csv.WriteField(column);
            }
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(Neutralise(cell ?? ""));
                }
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }
}

/// <summary>Reads the cells of one row, checking each as it goes and noting what is wrong against the row and column.</summary>
public sealed class CsvCells(string file, CsvRow row, List<CsvProblem> problems, IStringLocalizer L)
{
    public int Row => row.Number;
    public bool Failed { get; private set; }

    /// <summary>Whether the file has the column at all: a column left out of the header leaves its field as it is.</summary>
    public bool Has(string column) => row.Cells.ContainsKey(column);

    public void Problem(string? column, string message)
    {
        Failed = true;
        problems.Add(new CsvProblem(file, row.Number, column, message));
    }

    /// <summary>
    /// The trimmed cell, null when empty. A cell that begins with =, +, - or @ is text like any other, as on the pages
    /// and in the API; the apostrophe an export puts before it is taken off. Unless <paramref name="multiLine"/>, the
    /// text must be one line, by the rule the pages and the API apply (<see cref="SingleLine"/>).
    /// </summary>
    public string? Text(string column, int max, bool required = false, bool multiLine = false)
    {
        var value = CsvFiles.Restore(row.Cells.GetValueOrDefault(column, "").Trim()).Trim();
        if (!multiLine && !SingleLine.Holds(value))
        {
            Problem(column, SingleLine.Problem(L));
            return null;
        }
        if (value.Length == 0)
        {
            if (required)
            {
                Problem(column, L["Fill in this cell."]);
            }
            return null;
        }
        if (value.Length > max)
        {
            Problem(column, Rules.TooLong(L, max, value.Length));
            return null;
        }
        return value;
    }

    public int? Number(string column, int min, int max, bool required = false)
    {
        var text = Text(column, 12, required);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Problem(column, L["Enter a whole number from {0} to {1}.", min, max]);
            return null;
        }
        return value;
    }

    /// <summary>A list cell ("9;10;17"), split on semicolons, blanks dropped.</summary>
    public List<string> List(string column, int max)
    {
        var text = Text(column, max);
        return text is null ? [] : text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    /// <summary>An enum value by its name or its English label, ignoring case, spaces and hyphens ("Round Table", "RoundTable").</summary>
    /// <param name="quiet">Null without a problem when the cell names none of them: the caller keeps the text as written.</param>
    public T? Choice<T>(string column, bool required = false, bool quiet = false) where T : struct, Enum
    {
        if (quiet)
        {
            return Choices<T>.ByName.TryGetValue(Normalise(CsvFiles.Restore(row.Cells.GetValueOrDefault(column, "").Trim())), out var named) ? named : null;
        }
        var text = Text(column, 80, required);
        if (text is null)
        {
            return null;
        }
        if (Choices<T>.ByName.TryGetValue(Normalise(text), out var value))
        {
            return value;
        }
        Problem(column, L["“{0}” is not one of: {1}.", text, L.List(Enum.GetNames<T>())]);
        return null;
    }

    /// <summary>Each enum's values by normalised name and English label, worked out once.</summary>
    private static class Choices<T> where T : struct, Enum
    {
        public static readonly Dictionary<string, T> ByName = Enum.GetValues<T>()
            .SelectMany(v => new[] { (Key: Normalise(v.ToString()), Value: v), (Key: Normalise(Infrastructure.Localization.Labels.English(v)), Value: v) })
            .DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Value);
    }

    private static string Normalise(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
