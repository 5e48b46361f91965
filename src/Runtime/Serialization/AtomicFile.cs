using System;
using System.IO;

namespace StaticNN.Serialization;

/// <summary>
/// Writes a file so that it is never seen half-written: into a temporary file in the same folder,
/// flushed to disk, then renamed over the target. A failure at any point leaves the target as it
/// was (absent or with its old contents) and removes the temporary file.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
