// Audit: SkipLocalsInit is safe here because every stackalloc'd buffer in this assembly is fully
// written before it is read (hash scratch buffers are filled by copy, digit buffers by formatters).
[module: System.Runtime.CompilerServices.SkipLocalsInit]
