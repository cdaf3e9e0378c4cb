using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Models;

/// <summary>
/// Receives one layer call's outputs while a model runs (<see cref="Model.Call(IReadOnlyList{Tensor}, LayerOutputsObserver?)"/>).
/// </summary>
/// <param name="layer">The layer called.</param>
/// <param name="call">Which call of that layer in this run (0 unless the layer is shared), in graph order.</param>
/// <param name="outputs">Its outputs, masks attached; owned by the model run, not to be changed.</param>
public delegate void LayerOutputsObserver(Layer layer, int call, IReadOnlyList<Tensor> outputs);
