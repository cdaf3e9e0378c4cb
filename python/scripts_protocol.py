"""The version of the contract between the rnnparity .NET assemblies and these scripts: which functions C#
calls and with which arguments (PythonScripts.Protocol in src/RnnParity.Python/PythonScripts.cs).

Bump both together whenever such a call changes. An rnnparity run inside a checkout uses the checkout's
python/ only when the numbers agree; otherwise it says so and uses the copy bundled with it, instead of
failing with a TypeError deep inside a script.
"""

PROTOCOL = 1
