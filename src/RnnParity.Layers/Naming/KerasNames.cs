using System.Text.RegularExpressions;

namespace RnnParity.Layers.Naming;

/// <summary>
/// Keras's automatic names (<c>keras/src/utils/naming.py</c>): the snake-cased class name, then
/// <c>_1</c>, <c>_2</c>, ... for later objects of the same name.
/// </summary>
/// <remarks>
/// The counters are per thread because Keras keeps them in thread-local global state; that also
/// keeps tests that run in parallel from renaming each other's layers.
/// </remarks>
public static partial class KerasNames
{
    [ThreadStatic] static Dictionary<string, int>? _uids;

    static Dictionary<string, int> Uids => _uids ??= new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The unique name for a new object of class <paramref name="className"/>.</summary>
    public static string AutoName(string className) => Uniquify(ToSnakeCase(className));

    public static string Uniquify(string name)
    {
        var uids = Uids;
        uids.TryGetValue(name, out int count);
        uids[name] = count + 1;
        return count == 0 ? name : $"{name}_{count}";
    }

    /// <summary>Same regular expressions as Keras: <c>SimpleRNN</c> → <c>simple_rnn</c>, <c>LSTM</c> → <c>lstm</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        name = NonWord().Replace(name, "");
        name = UpperWord().Replace(name, "$1_$2");
        return LowerUpper().Replace(name, "$1_$2").ToLowerInvariant();
    }

    /// <summary>Starts the numbering afresh, as <c>keras.utils.clear_session()</c> does.</summary>
    public static void ClearSession() => _uids = null;

    [GeneratedRegex(@"\W+")] private static partial Regex NonWord();
    [GeneratedRegex("(.)([A-Z][a-z]+)")] private static partial Regex UpperWord();
    [GeneratedRegex("([a-z])([A-Z])")] private static partial Regex LowerUpper();
}
