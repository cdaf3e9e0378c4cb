using System.Numerics;
using System.Text;

namespace RnnParity.Fixtures.Format;

/// <summary>
/// A tiny parser for the Python literal a .npy header holds, e.g.
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>. Nothing is evaluated:
/// only strings, integers, True/False/None, tuples, lists and dicts are understood.
/// </summary>
/// <remarks>Values come back as <see cref="string"/>, <see cref="BigInteger"/>, <see cref="bool"/>,
/// <see cref="PyNone"/>, <see cref="PyTuple"/>, <see cref="PyList"/> or
/// <see cref="PyDict"/>. Errors throw <see cref="FormatException"/> with the offset.</remarks>
internal sealed class PyLiteralParser
{
    internal sealed record PyTuple(IReadOnlyList<object> Items);
    internal sealed record PyList(IReadOnlyList<object> Items);
    internal sealed record PyDict(IReadOnlyList<KeyValuePair<object, object>> Items);
    internal sealed class PyNone { public static readonly PyNone Value = new(); public override string ToString() => "None"; }

    const int MaxDepth = 16;
    const int MaxIntDigits = 64;
    readonly string _s;
    int _pos;

    PyLiteralParser(string s) => _s = s;

    /// <summary>Parses one literal followed only by whitespace.</summary>
    public static object Parse(string text)
    {
        var p = new PyLiteralParser(text);
        p.SkipWs();
        object v = p.Value(0);
        p.SkipWs();
        if (p._pos != p._s.Length) throw p.Error("unexpected text after the literal");
        return v;
    }

    FormatException Error(string what)
    {
        string near = _pos < _s.Length ? Describe(_s.Substring(_pos, Math.Min(20, _s.Length - _pos))) : "end of header";
        return new FormatException($"{what} at offset {_pos} (near {near})");
    }

    internal static string Describe(string s, int max = 80)
    {
        // Python's repr: single quotes unless the text holds one and no double quote.
        char q = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder().Append(q);
        foreach (char c in s.Length > max ? s[..max] : s)
        {
            if (c == q || c == '\\') sb.Append('\\').Append(c);
            else if (c >= 0x20 && c < 0x7f) sb.Append(c);
            else if (c == '\n') sb.Append("\\n");
            else sb.Append($"\\x{(int)c:x2}");
        }
        sb.Append(q);
        if (s.Length > max) sb.Append("...");
        return sb.ToString();
    }

    void SkipWs()
    {
        while (_pos < _s.Length && (_s[_pos] == ' ' || _s[_pos] == '\t' || _s[_pos] == '\n' || _s[_pos] == '\r')) _pos++;
    }

    object Value(int depth)
    {
        if (depth > MaxDepth) throw Error("literal nested too deeply");
        if (_pos >= _s.Length) throw Error("expected a value");
        char c = _s[_pos];
        switch (c)
        {
            case '\'' or '"': return Str();
            case '(':
                {
                    var items = Seq(')', depth, out bool sawComma);
                    if (items.Count == 1 && !sawComma) throw Error("parenthesised value without a comma is not a tuple");
                    return new PyTuple(items);
                }
            case '[': return new PyList(Seq(']', depth, out _));
            case '{': return Dict(depth);
        }
        if (c == '-' || c == '+' || char.IsAsciiDigit(c)) return Int();
        if (Word("True")) return true;
        if (Word("False")) return false;
        if (Word("None")) return PyNone.Value;
        throw Error("expected a string, integer, True, False, None, tuple, list or dict");
    }

    bool Word(string w)
    {
        if (string.CompareOrdinal(_s, _pos, w, 0, w.Length) != 0) return false;
        int end = _pos + w.Length;
        if (end < _s.Length && (char.IsAsciiLetterOrDigit(_s[end]) || _s[end] == '_')) return false;
        _pos = end;
        return true;
    }

    string Str()
    {
        char q = _s[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _s.Length) throw Error("unterminated string");
            char c = _s[_pos++];
            if (c == q) return sb.ToString();
            if (c == '\n') throw Error("newline inside a string");
            if (c == '\\')
            {
                if (_pos >= _s.Length) throw Error("unterminated string");
                sb.Append(_s[_pos++]);
            }
            else sb.Append(c);
        }
    }

    BigInteger Int()
    {
        int start = _pos;
        if (_s[_pos] == '-' || _s[_pos] == '+') _pos++;
        int digitsStart = _pos;
        while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
        int n = _pos - digitsStart;
        if (n == 0) throw Error("expected digits");
        if (n > MaxIntDigits) throw Error($"integer with {n} digits");
        if (_pos < _s.Length && (char.IsAsciiLetter(_s[_pos]) || _s[_pos] == '.' || _s[_pos] == '_'))
            throw Error("expected an integer");
        return BigInteger.Parse(_s.AsSpan(start, _pos - start), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);
    }

    List<object> Seq(char close, int depth, out bool sawComma)
    {
        _pos++;
        var items = new List<object>();
        sawComma = false;
        SkipWs();
        if (_pos < _s.Length && _s[_pos] == close) { _pos++; sawComma = true; return items; }
        while (true)
        {
            SkipWs();
            items.Add(Value(depth + 1));
            SkipWs();
            if (_pos >= _s.Length) throw Error($"expected ',' or '{close}'");
            if (_s[_pos] == ',')
            {
                _pos++;
                sawComma = true;
                SkipWs();
                if (_pos < _s.Length && _s[_pos] == close) { _pos++; return items; }
                continue;
            }
            if (_s[_pos] == close) { _pos++; return items; }
            throw Error($"expected ',' or '{close}'");
        }
    }

    PyDict Dict(int depth)
    {
        _pos++;
        var items = new List<KeyValuePair<object, object>>();
        while (true)
        {
            SkipWs();
            if (_pos >= _s.Length) throw Error("unterminated dict");
            if (_s[_pos] == '}') { _pos++; return new PyDict(items); }
            object key = Value(depth + 1);
            SkipWs();
            if (_pos >= _s.Length || _s[_pos] != ':') throw Error("expected ':'");
            _pos++;
            SkipWs();
            object value = Value(depth + 1);
            items.Add(new(key, value));
            SkipWs();
            if (_pos >= _s.Length) throw Error("unterminated dict");
            if (_s[_pos] == ',') { _pos++; continue; }
            if (_s[_pos] == '}') { _pos++; return new PyDict(items); }
            throw Error("expected ',' or '}'");
        }
    }
}
