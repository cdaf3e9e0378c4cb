using NumSharp;
using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Interop;

/// <summary>Moves arrays between NumSharp's <see cref="NDArray"/> (the public API) and <see cref="Tensor"/> (the compute type).</summary>
public static class NDArrayConvert
{
    /// <summary>Copies any numeric NDArray into a float32 tensor (integer indices stay exact below 2^24).</summary>
    public static Tensor ToTensor(NDArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        int[] shape = array.shape.Select(d => checked((int)d)).ToArray();
        float[] data = array.typecode == NPTypeCode.Single
            ? array.flatten().ToArray<float>()
            : array.astype(NPTypeCode.Single).flatten().ToArray<float>();
        return new Tensor(shape, data);
    }

    public static NDArray ToNDArray(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return np.array((float[])tensor.Data.Clone()).reshape(tensor.Shape);
    }
}
