Console.WriteLine("rnnparity");
